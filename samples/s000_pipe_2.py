#pipe 多个消费者生产者模型  一个消费者只消费一个数据,公司里面常用的模型,一个管道支持多个进程通信,非常安全的操作
from multiprocessing import Process,current_process,Pipe
import pickle
def work_a(p):
        for var in range(5):
                p.send(pickle.dumps(var))
                print('%s:生产数据|%s' % (current_process().name,var))
def work_b(p):       
        pickle_obj = pickle.loads(p.recv()) #阻塞
        print('%s:消费数据|%s' % (current_process().name,pickle_obj))
def main():
        a,b = Pipe() #创建管道
        p1 = Process(target=work_a,name='生产者',args=(a,))
        p2 = [] #消费者进程队列
        for var in range(5):
                p2.append(Process(target=work_b,name='消费者%d' % var,args=(b,)))
        p1.start() #下开启生产者
        for var in p2:
                var.start()
        p1.join()
        for var in p2:
                var.join()
if __name__ == "__main__":
    main()
