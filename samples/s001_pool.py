# -*- coding:utf-8 -*-
# @author Marvin Yang
# Pool实现样例

from multiprocessing import Process, Pool, Queue

def x2(x):
    return x*x
    
def multi(x, y):
    print "%s multi %s = %s" % (x, y, x*y)
    return x * y
    
def pool_demo():
    """ map同内置函数map()类似,
    将目标调用对象作用于每一个可迭代参数上
    意味着如果目标调用对象包含多个参数则不适合用map方法
    """
    pool = Pool(processes=4)
    print(pool.map(x2, [random.randrange(0, 10), 45, 3, 4, 6]))

def pool_apply_demo():
    """ apply同内置apply()类似,
    可以有返回值
    一个apply使用Pool中的一个进程
    """
    pool = Pool(processes=4)
    r = pool.apply_async(x2, args=(3, ))
    s = pool.apply_async(multi, args=(4, 5))
    print(r.get())
    print(s.get())
    
if __name__ == "__main__":
    # pool demo
    pool_demo()
    pool_apply_demo()
