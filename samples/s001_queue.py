# -*- coding:utf-8 -*-
# @author Marvin Yang

from multiprocessing import Process, Pool, Queue
import time

def queue_put_demo(queue):
    """ 推送数据到Queue
    
    """
    for i in range(0, 10):
        print "input queue: %s" % i
        queue.put(["here is a queue demo", "queue", "%s" % i])
        #time.sleep(1)


def queue_get_demo(queue):
    """ 从Queue中获取数据展示
    
    """
    count = 0
    while count < 10 or not queue.empty():
        if queue.empty():
            time.sleep(2)
        else:
            obj = queue.get()
            for item in obj:
                print item, len(item)
        count += 1


def queue_demo():
    """ 两个进程,一个推送数据到队列,一个从队列中获取数据展示
    
    """
    queue = Queue()
    put_p = Process(target=queue_put_demo, args=(queue, ))
    get_p = Process(target=queue_get_demo, args=(queue, ))
    put_p.start()
    get_p.start()


if __name__ == "__main__":
    queue_demo()
